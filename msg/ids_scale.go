package msg

// The sweep's chart as a picture (tcpsim sweep -o chart.svg), and the
// explore state diagram's words (--states, with --all too).
const (
	SweepPictureCaption   ID = "sweep.picture_caption"    //
	SweepPictureClass     ID = "sweep.picture_class"      // {{.Class}} {{.Runs}}
	SweepAxisGrid         ID = "sweep.axis_grid"          //
	SweepPictureOther     ID = "sweep.picture_other"      // {{.N}}
	SweepErrOutput        ID = "sweep.error.output"       // {{.Q}}
	SweepErrTheme         ID = "sweep.error.theme"        // {{.Q}}
	ExploreStatesCaption  ID = "explore.states_caption"   // {{.A}} {{.B}} {{.Runs}}
	ExploreStatesTitleAll ID = "explore.states_title_all" // {{.N}}
	ExploreErrStates      ID = "explore.error.states"     // {{.Q}}
)

// The state diagram picture's legend (diagram.StateDiagram).
const (
	DiagramAlsoClosed ID = "diagram.also_closed" // {{.Events}}
	DiagramListSep    ID = "diagram.list_sep"    //
	DiagramPath       ID = "diagram.path"        // {{.Side}}
)

// Events the lab named in English until the pictures needed them too.
const (
	LabEvReceive        ID = "lab.ev_receive"
	LabEvPersist        ID = "lab.ev_persist"
	LabEvCloseUnread    ID = "lab.ev_close_unread"
	LabEvTextAfterClose ID = "lab.ev_text_after_close"
	LabEvKeepalive      ID = "lab.ev_keepalive"
	LabEvKeepaliveGone  ID = "lab.ev_keepalive_gone"
	LabEvTextAfterShut  ID = "lab.ev_text_after_shut"
	LabEvShutRead       ID = "lab.ev_shut_read"
)

// A broken invariant in a run's own figures (explore/check.go).
const (
	XvViolSndUna   ID = "xv.viol.snd_una"  // {{.Una}} {{.Nxt}} {{.T}} {{.N}} {{.Side}}
	XvViolAhead    ID = "xv.viol.ahead"    // {{.Side}} {{.Got}} {{.Peer}} {{.Sent}} {{.T}} {{.N}}
	XvViolLimit    ID = "xv.viol.limit"    // {{.Stop}}
	XvViolUntil    ID = "xv.viol.until"    // {{.Until}}
	XvViolStuck    ID = "xv.viol.stuck"    // {{.Side}} {{.State}}
	XvViolDisagree ID = "xv.viol.disagree" // {{.AUna}} {{.ANxt}} {{.ARcv}} {{.BUna}} {{.BNxt}} {{.BRcv}}
)

// The who list scrolls when the class is bigger than the screen.
const LabWhoScroll ID = "lab.who_scroll" // {{.From}} {{.To}} {{.N}}

// The actions of fsm.Table's rows, as the pictures write them.
const (
	ActSendSYN       ID = "act.send_syn"
	ActSendSYNACK    ID = "act.send_synack"
	ActSendACK       ID = "act.send_ack"
	ActSendACKNow    ID = "act.send_ack_now"
	ActSendRSTForACK ID = "act.send_rst_for_ack"
	ActSendRSTACK    ID = "act.send_rstack"
	ActSendRSTAbort  ID = "act.send_rst_abort"
	ActQueueData     ID = "act.queue_data"
	ActQueueFIN      ID = "act.queue_fin"
	ActRetransmit    ID = "act.retransmit"
	ActStartTimeWait ID = "act.start_time_wait"
	ActStartFinWait2 ID = "act.start_fin_wait2"
	ActStopTimers    ID = "act.stop_timers"
	ActTell          ID = "act.tell"
	ActDrop          ID = "act.drop"
	ActSendQueued    ID = "act.send_queued"
	ActCloseLater    ID = "act.close_later"
	ActUpdateWindow  ID = "act.update_window"
	ActSendProbe     ID = "act.send_probe"
	ActSendKeepalive ID = "act.send_keepalive"
	ActResendSYNACK  ID = "act.resend_synack"
)
