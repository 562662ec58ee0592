# The smallest scenario: one capture of a link created and dumped.
capture smoke
run ip link add d0 type dummy
run ip link set d0 up
run ip -d link show d0
capture_end
