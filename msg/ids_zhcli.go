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

	CLIRunHelp ID = "cli.run_help" // after a usage error

	// A lesson that its run does not bear out (lesson/check.go).
	LessonNoMoment         ID = "lesson.check.no_moment"
	LessonOutOfOrder       ID = "lesson.check.out_of_order" // Shown, Last: event numbers
	LessonUnansweredSends  ID = "lesson.check.unanswered_sends"
	LessonUnansweredState  ID = "lesson.check.unanswered_state"
	LessonUnansweredTimer  ID = "lesson.check.unanswered_timer"
	LessonUnansweredChoose ID = "lesson.check.unanswered_choose"
	LessonGoalMetAlready   ID = "lesson.check.goal_met_already"
	LessonGoalTooMany      ID = "lesson.check.goal_too_many" // Used, Max
	LessonGoalUnmet        ID = "lesson.check.goal_unmet"
)
