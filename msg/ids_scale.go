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
