package msg

// The lab's comparison of a kernel's capture with the model's run
// (ui/compare*.go) and the compare verb (cmd/tcpsim/compare.go).
const (
	CompareTitle         ID = "compare.title"    // Name: the scenario
	CompareAgree         ID = "compare.agree"    // Segments, Gaps
	CompareDisagree      ID = "compare.disagree" // Count
	CompareAgreeShort    ID = "compare.agree_short"
	CompareKernel        ID = "compare.kernel"
	CompareModel         ID = "compare.model"
	CompareKernelShort   ID = "compare.kernel_short"
	CompareModelShort    ID = "compare.model_short"
	CompareToggle        ID = "compare.toggle" // Name: the pane shown
	CompareWhyTitle      ID = "compare.why_title"
	ComparePosition      ID = "compare.position"       // N, Total
	ComparePositionDiffs ID = "compare.position_diffs" // N, Total, List
	CompareNone          ID = "compare.none"
	CompareEmpty         ID = "compare.empty"
	CompareKeys          ID = "compare.keys"
	CompareKeysWide      ID = "compare.keys_wide"
	CompareTooSmall      ID = "compare.too_small" // W, H
	CompareWhyMissing    ID = "compare.why.missing"
	CompareWhyExtra      ID = "compare.why.extra"
	CompareWhySegment    ID = "compare.why.segment" // Fields
	CompareWhyGap        ID = "compare.why.gap"     // Kernel, Model, Allowed
	CompareWhyCrossed    ID = "compare.why.crossed"
	CompareWhyUntimed    ID = "compare.why.untimed"
	CompareWhySame       ID = "compare.why.same"      // Kernel, Model, Allowed
	CompareWhyShortGap   ID = "compare.why.short_gap" // Kernel
	CompareWhyFirst      ID = "compare.why.first"
	CompareFieldDir      ID = "compare.field.dir"
	CompareFieldFlags    ID = "compare.field.flags"
	CompareFieldSeq      ID = "compare.field.seq"
	CompareFieldAck      ID = "compare.field.ack"
	CompareFieldLen      ID = "compare.field.len"
	CompareListSep       ID = "compare.list_sep"
	CompareHeader        ID = "compare.header" // Name, File
)
