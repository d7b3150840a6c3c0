package msg

// The lab's explore view (ui/explore*.go): every pattern of up to K lost
// segments, its outcome classes and their smallest examples. Parameters
// are named in the comment.
const (
	XvKey         ID = "xv.key"
	XvTitle       ID = "xv.title"
	XvIntro       ID = "xv.intro"
	XvDrops       ID = "xv.drops"
	XvCrash       ID = "xv.crash"
	XvYes         ID = "xv.yes"
	XvNo          ID = "xv.no"
	XvSetupKeys   ID = "xv.setup_keys"
	XvRunning     ID = "xv.running" // K
	XvRunningKeys ID = "xv.running_keys"
	XvSummary     ID = "xv.summary"    // plural on Count (runs); Classes, Broken
	XvCut         ID = "xv.cut"        // N
	XvClass       ID = "xv.class"      // plural on Count (runs); N, A, B
	XvClassMore   ID = "xv.class_more" // Errors, Data
	XvErrors      ID = "xv.errors"     // A, B
	XvErrNone     ID = "xv.err_none"
	XvIntact      ID = "xv.intact"
	XvIncomplete  ID = "xv.incomplete"
	XvHalfOpen    ID = "xv.half_open"
	XvBroken      ID = "xv.broken" // plural on Count (runs); N, What
	XvInvSndUna   ID = "xv.inv.snd_una"
	XvInvAhead    ID = "xv.inv.ahead"
	XvInvLimit    ID = "xv.inv.limit"
	XvInvUntil    ID = "xv.inv.until"
	XvInvStuck    ID = "xv.inv.stuck" // Side, State
	XvInvDisagree ID = "xv.inv.disagree"
	XvInvOther    ID = "xv.inv.other" // Key
	XvExample     ID = "xv.example"   // N
	XvNoFault     ID = "xv.no_fault"
	XvLose        ID = "xv.lose"     // N, T, Seg, State
	XvCrashAt     ID = "xv.crash_at" // Side, T, State
	XvResultKeys  ID = "xv.result_keys"
	XvCoverage    ID = "xv.coverage" // N, Total
	XvStates      ID = "xv.states"   // Side
	XvMore        ID = "xv.more"     // N
	XvBranch      ID = "xv.branch"   // N, Lost
	XvOpened      ID = "xv.opened"   // N, Hint
)
