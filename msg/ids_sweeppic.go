package msg

// The sweep's chart as a picture (tcpsim sweep -o chart.svg).
const (
	SweepPictureCaption ID = "sweep.picture_caption" //
	SweepPictureClass   ID = "sweep.picture_class"   // {{.Class}} {{.Runs}}
	SweepAxisGrid       ID = "sweep.axis_grid"       //
	SweepPictureOther   ID = "sweep.picture_other"   // {{.N}}
	SweepErrOutput      ID = "sweep.error.output"    // {{.Q}}
	SweepErrTheme       ID = "sweep.error.theme"     // {{.Q}}
)
