package msg

// Several connection records per host (sim/host.go, sim/demux.go): the
// error an OPEN naming a busy local port gets, and the lab's name for
// one connection of a side that holds several.
const (
	SignalPortInUse   ID = "signal.port_in_use"
	LabShortPortInUse ID = "lab.short_port_in_use"
	LabConnEnd        ID = "lab.conn_end"
)

// LabConnEndPeer names a connection of a side whose records share a local
// port (a server's): by both its ports.
const LabConnEndPeer ID = "lab.conn_end_peer"
