package msg

// The course branch's IDs: predict mode in the lab (ui/predict*.go).
const (
	PredictOn        ID = "predict.on"
	PredictOff       ID = "predict.off"   // Right, Asked, Skipped
	PredictTitle     ID = "predict.title" // N: the question's number
	PredictAsk       ID = "predict.ask"   // Side, State
	PredictAskReal   ID = "predict.ask_real"
	PredictRelative  ID = "predict.relative"
	PredictRaw       ID = "predict.raw"
	PredictKeys      ID = "predict.keys"
	PredictNeedFlags ID = "predict.need_flags"
	PredictNoFlags   ID = "predict.no_flags"
	PredictRight     ID = "predict.right"   // Side, Seg, Guess
	PredictWrong     ID = "predict.wrong"   // Side, Seg, Guess
	PredictSkipped   ID = "predict.skipped" // Side, Seg
	PredictScore     ID = "predict.score"   // Right, Asked, Skipped
	PredictGoOn      ID = "predict.go_on"
)
