package msg

// The lab's dialogs (ui/dialog_*.go), their keys and key moments.
// Parameters are named in the comment.
const (
	DlgKeyJump   ID = "dlg.key.jump"
	DlgKeySearch ID = "dlg.key.search"
	DlgKeyInfo   ID = "dlg.key.info"
	DlgKeyMSL    ID = "dlg.key.msl"
	DlgKeyExport ID = "dlg.key.export"
	DlgKeysFind  ID = "dlg.keys.find"

	DlgExportTitle    ID = "dlg.export.title"
	DlgExportTap      ID = "dlg.export.tap"
	DlgExportFormat   ID = "dlg.export.format"
	DlgExportTapA     ID = "dlg.export.tap_a"
	DlgExportTapB     ID = "dlg.export.tap_b"
	DlgExportTapLink  ID = "dlg.export.tap_link"
	DlgExportSVG      ID = "dlg.export.svg"
	DlgExportFile     ID = "dlg.export.file" // Path
	DlgExportKeys     ID = "dlg.export.keys"
	DlgExportWriting  ID = "dlg.export.writing" // Path
	DlgExportNone     ID = "dlg.export.none"
	DlgExportNoSVG    ID = "dlg.export.no_svg"
	DlgExportLinkWhat ID = "dlg.export.link_what"

	DlgJumpTitle ID = "dlg.jump.title"
	DlgJumpHint  ID = "dlg.jump.hint"
	DlgJumpKeys  ID = "dlg.jump.keys"
	DlgJumpBad   ID = "dlg.jump.bad"   // Input
	DlgJumpRange ID = "dlg.jump.range" // N
	DlgJumpEvent ID = "dlg.jump.event" // N, T
	DlgJumpTime  ID = "dlg.jump.time"  // T, N
	DlgJumpEnd   ID = "dlg.jump.end"   // T

	DlgSearchTitle   ID = "dlg.search.title"
	DlgSearchHint    ID = "dlg.search.hint"
	DlgSearchKeys    ID = "dlg.search.keys"
	DlgSearchFound   ID = "dlg.search.found" // I, N, Q, E
	DlgSearchNone    ID = "dlg.search.none"  // Q
	DlgSearchNoQuery ID = "dlg.search.no_query"

	DlgInfoTitle     ID = "dlg.info.title"
	DlgInfoName      ID = "dlg.info.name"
	DlgInfoProfile   ID = "dlg.info.profile"
	DlgInfoTW2MSL    ID = "dlg.info.tw_2msl"  // D
	DlgInfoTWFixed   ID = "dlg.info.tw_fixed" // D
	DlgInfoMoments   ID = "dlg.info.moments"
	DlgInfoMoment    ID = "dlg.info.moment" // N, T
	DlgInfoAbsent    ID = "dlg.info.absent"
	DlgInfoNoMoments ID = "dlg.info.no_moments"
	DlgInfoCapture   ID = "dlg.info.capture"
	DlgInfoKeys      ID = "dlg.info.keys"

	DlgMSLTitle   ID = "dlg.msl.title"
	DlgMSLHint    ID = "dlg.msl.hint" // T
	DlgMSLTW      ID = "dlg.msl.tw"   // D
	DlgMSLNone    ID = "dlg.msl.none"
	DlgMSLProfile ID = "dlg.msl.profile" // D
	DlgMSLBad     ID = "dlg.msl.bad"
	DlgMSLKeys    ID = "dlg.msl.keys"
	DlgMSLBranch  ID = "dlg.msl.branch" // D
	DlgMSLDone    ID = "dlg.msl.done"   // D, TW

	MomentReached ID = "moment.reached" // Note
	MomentCompact ID = "moment.compact" // I, N
)
