package msg

// The words the scenario loader puts into its problems (scenarios/errtext.go).
const (
	ScenarioDidYouMean ID = "scenarios.did_you_mean" // Name: the suggestion, quoted
	ScenarioOneOf      ID = "scenarios.one_of"       // List: all but the last, Last
	ScenarioListSep    ID = "scenarios.list_sep"
	ScenarioIntRange   ID = "scenarios.int_range" // Lo, Hi
	ScenarioMapping    ID = "scenarios.shape.mapping"
	ScenarioList       ID = "scenarios.shape.list"
	ScenarioBlock      ID = "scenarios.shape.block"
	ScenarioNothing    ID = "scenarios.shape.nothing"
)
