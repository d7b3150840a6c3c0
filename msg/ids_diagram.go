package msg

// The lab's state diagram (ui/diagram*.go): the labels on its arcs, the
// conditions shown beside a next state, and its legend.
const (
	DiagramArcListen  ID = "diagram.arc.listen"
	DiagramArcConnect ID = "diagram.arc.connect"
	DiagramArcClose   ID = "diagram.arc.close"
	DiagramArcAbort   ID = "diagram.arc.abort"
	DiagramArcSYN     ID = "diagram.arc.syn"
	DiagramArcSYNACK  ID = "diagram.arc.synack"
	DiagramArcACK     ID = "diagram.arc.ack"
	DiagramArcFIN     ID = "diagram.arc.fin"
	DiagramArcRST     ID = "diagram.arc.rst"
	DiagramArc2MSL    ID = "diagram.arc.2msl"
	DiagramArcGiveUp  ID = "diagram.arc.give_up"
	DiagramArcFW2     ID = "diagram.arc.fin_wait_2_timeout"
	DiagramArcCrash   ID = "diagram.arc.crash"
	DiagramArcOther   ID = "diagram.arc.other" // Event: the fsm's English name

	DiagramGuardGoodACK    ID = "diagram.guard.good_ack"
	DiagramGuardAcksFIN    ID = "diagram.guard.acks_fin"
	DiagramGuardPassive    ID = "diagram.guard.passive"
	DiagramGuardActive     ID = "diagram.guard.active"
	DiagramGuardNothingQ   ID = "diagram.guard.nothing_queued"
	DiagramGuardFINNotAckd ID = "diagram.guard.fin_not_acked"

	DiagramSep     ID = "diagram.sep"      // between two events of one arc or list
	DiagramAlso    ID = "diagram.also"     // Events: the abrupt events, joined
	DiagramArc     ID = "diagram.arc"      // From, To, Label: one arc in words
	DiagramNoNext  ID = "diagram.no_next"  // a state only abrupt events leave
	DiagramTimers  ID = "diagram.timers"   // the timers' heading
	DiagramNoTimer ID = "diagram.no_timer" // no timer runs
)
