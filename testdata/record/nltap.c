/*
 * nltap.c: a recording shim for netlink traffic, used where no nlmon device
 * is available. Preload it into a program:
 *
 *     gcc -shared -fPIC -O2 -o nltap.so nltap.c -ldl
 *     NLTAP_FILE=out.pcap LD_PRELOAD=./nltap.so ip link show
 *
 * It wraps sendmsg, sendto, send, recvmsg, recvfrom and recv. When the file
 * descriptor is an AF_NETLINK socket, it appends one pcap record to the file
 * named by NLTAP_FILE for every buffer that went through the call:
 *   - sends: the bytes the kernel accepted (the call's return value);
 *   - receives: the bytes the kernel returned, capped at the caller's buffer.
 *     Calls with MSG_PEEK are not recorded: iproute2 and ethtool peek with
 *     MSG_PEEK|MSG_TRUNC to size their buffer, then receive for real.
 * Other sockets and other files pass through untouched.
 *
 * Each record has the layout tcpdump gives on an nlmon device
 * (LINKTYPE_NETLINK, 253): a 16-byte header, all fields big-endian,
 *     u16 packet type (4, for both directions, as libpcap writes it)
 *     u16 ARPHRD_NETLINK (824)
 *     u16 address length (0)
 *     u8  address[8] (zero)
 *     u16 netlink protocol of the socket (getsockopt SO_PROTOCOL)
 * followed by the netlink bytes in the host's order. The pcap record header
 * (timestamp in microseconds, lengths) is in host order. The pcap file header
 * itself (magic 0xa1b2c3d4, version 2.4, snaplen 262144, linktype 253) is
 * written by whoever creates the file, before any program runs.
 *
 * Several processes may share one file: it is opened with O_APPEND for each
 * record and every record (pcap record header + nlmon header + data) goes out
 * in one write(), so records never interleave.
 *
 * socket() is not wrapped: whether a descriptor is a netlink socket, and of
 * which protocol, is asked with getsockopt(SO_DOMAIN/SO_PROTOCOL) at each
 * call, which stays right across dup(), close() and descriptor reuse.
 * recvmmsg/sendmmsg are not wrapped either: iproute2, ethtool and libmnl do
 * not use them on netlink sockets.
 *
 * The shim never changes what the wrapped call does: the real call runs
 * first, its result and errno are handed back as they were, and any failure
 * while recording is ignored.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define NLTAP_SNAPLEN 262144
#define NLTAP_HDRLEN 16
#define NLTAP_ARPHRD_NETLINK 824
#define NLTAP_PKTTYPE 4

struct pcap_rec {
	uint32_t ts_sec, ts_usec, incl_len, orig_len;
};

/* nltap_proto returns the netlink protocol of fd, or -1 when fd is not an
 * AF_NETLINK socket. */
static int nltap_proto(int fd)
{
	int v = 0;
	socklen_t l = sizeof(v);

	if (getenv("NLTAP_FILE") == NULL)
		return -1;
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &l) != 0 || v != AF_NETLINK)
		return -1;
	l = sizeof(v);
	if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &v, &l) != 0)
		return -1;
	return v;
}

static void put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

/* nltap_write appends one record holding the first len bytes of the
 * gathered iovecs. */
static void nltap_write(int proto, const struct iovec *iov, size_t iovcnt, size_t len)
{
	const char *path = getenv("NLTAP_FILE");
	struct pcap_rec rec;
	struct timespec ts;
	unsigned char *buf, *p;
	size_t incl, orig, left, i;
	int fd;

	if (path == NULL || *path == '\0')
		return;
	orig = len + NLTAP_HDRLEN;
	incl = orig > NLTAP_SNAPLEN ? NLTAP_SNAPLEN : orig;
	buf = malloc(sizeof(rec) + incl);
	if (buf == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	rec.ts_sec = (uint32_t)ts.tv_sec;
	rec.ts_usec = (uint32_t)(ts.tv_nsec / 1000);
	rec.incl_len = (uint32_t)incl;
	rec.orig_len = orig > UINT32_MAX ? UINT32_MAX : (uint32_t)orig;
	memcpy(buf, &rec, sizeof(rec));
	p = buf + sizeof(rec);
	memset(p, 0, NLTAP_HDRLEN);
	put16(p, NLTAP_PKTTYPE);
	put16(p + 2, NLTAP_ARPHRD_NETLINK);
	put16(p + 14, (unsigned)proto);
	p += NLTAP_HDRLEN;
	left = incl - NLTAP_HDRLEN;
	for (i = 0; i < iovcnt && left > 0; i++) {
		size_t n = iov[i].iov_len < left ? iov[i].iov_len : left;

		if (n > 0 && iov[i].iov_base != NULL)
			memcpy(p, iov[i].iov_base, n);
		else if (n > 0)
			memset(p, 0, n);
		p += n;
		left -= n;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t w = write(fd, buf, (size_t)(p - buf));

		(void)w;
		close(fd);
	}
	free(buf);
}

static size_t iov_total(const struct iovec *iov, size_t n)
{
	size_t t = 0, i;

	for (i = 0; i < n; i++)
		t += iov[i].iov_len;
	return t;
}

/* nltap_msg records a sendmsg/recvmsg buffer of ret bytes. */
static void nltap_msg(int fd, const struct msghdr *msg, ssize_t ret)
{
	int proto, saved = errno;
	size_t total;

	if (ret > 0 && msg != NULL && (proto = nltap_proto(fd)) >= 0) {
		total = iov_total(msg->msg_iov, msg->msg_iovlen);
		nltap_write(proto, msg->msg_iov, msg->msg_iovlen,
			    (size_t)ret < total ? (size_t)ret : total);
	}
	errno = saved;
}

/* nltap_buf records a send/recv buffer of ret bytes out of cap. */
static void nltap_buf(int fd, const void *b, size_t cap, ssize_t ret)
{
	int proto, saved = errno;
	struct iovec iov;

	if (ret > 0 && b != NULL && (proto = nltap_proto(fd)) >= 0) {
		iov.iov_base = (void *)b;
		iov.iov_len = cap;
		nltap_write(proto, &iov, 1, (size_t)ret < cap ? (size_t)ret : cap);
	}
	errno = saved;
}

#define REAL(name) \
	static __typeof__(name) *real_##name; \
	if (real_##name == NULL) \
		real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name); \
	if (real_##name == NULL) { \
		errno = ENOSYS; \
		return -1; \
	}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	ssize_t r;

	REAL(sendmsg);
	r = real_sendmsg(fd, msg, flags);
	nltap_msg(fd, msg, r);
	return r;
}

ssize_t sendto(int fd, const void *b, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	ssize_t r;

	REAL(sendto);
	r = real_sendto(fd, b, len, flags, to, tolen);
	nltap_buf(fd, b, len, r);
	return r;
}

ssize_t send(int fd, const void *b, size_t len, int flags)
{
	ssize_t r;

	REAL(send);
	r = real_send(fd, b, len, flags);
	nltap_buf(fd, b, len, r);
	return r;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	ssize_t r;

	REAL(recvmsg);
	r = real_recvmsg(fd, msg, flags);
	if (!(flags & MSG_PEEK))
		nltap_msg(fd, msg, r);
	return r;
}

ssize_t recvfrom(int fd, void *b, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen)
{
	ssize_t r;

	REAL(recvfrom);
	r = real_recvfrom(fd, b, len, flags, from, fromlen);
	if (!(flags & MSG_PEEK))
		nltap_buf(fd, b, len, r);
	return r;
}

ssize_t recv(int fd, void *b, size_t len, int flags)
{
	ssize_t r;

	REAL(recv);
	r = real_recv(fd, b, len, flags);
	if (!(flags & MSG_PEEK))
		nltap_buf(fd, b, len, r);
	return r;
}
