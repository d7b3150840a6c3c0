package msg

// The ladder's and the inspector's words (branch ladder).
const (
	LadderBand         ID = "ladder.band"          // plural: segments in a band
	LadderBandLost     ID = "ladder.band_lost"     // plural: of them lost
	LadderBandACKs     ID = "ladder.band_acks"     // plural: ACKs in a band
	LadderNumbersRaw   ID = "ladder.numbers_raw"   // key #
	LadderNumbersRel   ID = "ladder.numbers_rel"   // key #
	LadderNumbersMark  ID = "ladder.numbers_mark"  // the ladder's corner while relative
	LadderZoom         ID = "ladder.zoom"          // Row: the time a row stands for
	LadderZoomLimit    ID = "ladder.zoom_limit"    // no further zoom
	LadderZoomMark     ID = "ladder.zoom_mark"     // the ladder's corner while zoomed; Level
	InspectWindowScale ID = "inspect.window_scale" // Bytes, Raw, Shift
	InspectSegLine     ID = "inspect.seg_line"     // the one-line inspector; ID, Dir
)
