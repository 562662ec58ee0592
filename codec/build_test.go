package codec_test

import (
	"testing"

	"github.com/nlbatch/nlbatch/codec"
	"golang.org/x/sys/unix"
)

// BenchmarkBuildRoute appends IPv4 route requests with the low-level
// builder, as the typed API does: no allocation per message.
func BenchmarkBuildRoute(b *testing.B) {
	bld := codec.NewBuilder(false)
	rtmsg := []byte{unix.AF_INET, 24, 0, 0, unix.RT_TABLE_MAIN, unix.RTPROT_STATIC, unix.RT_SCOPE_UNIVERSE, unix.RTN_UNICAST, 0, 0, 0, 0}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if i%4096 == 0 {
			bld.Reset()
		}
		bld.Begin(unix.RTM_NEWROUTE, unix.NLM_F_REQUEST|unix.NLM_F_CREATE|unix.NLM_F_EXCL, uint32(i+1), 0)
		bld.Raw(rtmsg)
		bld.Attr(unix.RTA_DST, []byte{11, byte(i >> 16), byte(i >> 8), 0})
		bld.Attr(unix.RTA_GATEWAY, []byte{10, 255, 0, 2})
		bld.U32(unix.RTA_OIF, 3)
		bld.End()
	}
	if err := bld.Err(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkBuildRequest encodes the same route written by names.
func BenchmarkBuildRequest(b *testing.B) {
	bld := codec.NewBuilder(false)
	req := &codec.Request{
		Type:   "RTM_NEWROUTE",
		Flags:  codec.FlagRequest | codec.FlagCreate | codec.FlagExcl,
		Header: []codec.FieldValue{{Name: "rtm_family", Value: "AF_INET"}, {Name: "rtm_dst_len", Value: "24"}, {Name: "rtm_table", Value: "main"}, {Name: "rtm_protocol", Value: "static"}, {Name: "rtm_type", Value: "unicast"}},
		Attrs:  []codec.AttrValue{{Name: "RTA_DST", Value: "11.0.1.0"}, {Name: "RTA_GATEWAY", Value: "10.255.0.2"}, {Name: "RTA_OIF", Value: "3"}},
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if i%4096 == 0 {
			bld.Reset()
		}
		req.Seq = uint32(i + 1)
		if err := bld.Request(req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
