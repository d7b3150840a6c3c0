package msg

// The lessons' IDs (issue 11): the lab's lesson panel and list, and
// tcpsim learn. Entries are at the end of each locale file, under
// "# --- lessons ---".
const (
	LessonPanel        ID = "lesson.panel"         // N, Total: beat numbers
	LessonPanelDone    ID = "lesson.panel_done"    //
	LessonNext         ID = "lesson.next"          //
	LessonNextQuestion ID = "lesson.next_question" //
	LessonToQuestion   ID = "lesson.to_question"   //
	LessonAskSends     ID = "lesson.ask_sends"     // Side
	LessonAskNumbers   ID = "lesson.ask_numbers"   // Side, Kind
	LessonRelative     ID = "lesson.relative"      //
	LessonRaw          ID = "lesson.raw"           //
	LessonAskState     ID = "lesson.ask_state"     // Side
	LessonAskNext      ID = "lesson.ask_next"      // Side
	LessonAskTimer     ID = "lesson.ask_timer"     //
	LessonAskTimerOf   ID = "lesson.ask_timer_of"  // Side
	LessonTimerOption  ID = "lesson.timer_option"  // Side, Timer
	LessonKeysChoose   ID = "lesson.keys_choose"   // N: the last number
	LessonKeysType     ID = "lesson.keys_type"     //
	LessonTypeSeq      ID = "lesson.type_seq"      // Flags: the flags chosen
	LessonTypeAck      ID = "lesson.type_ack"      //
	LessonHint         ID = "lesson.hint"          //
	LessonRight        ID = "lesson.right"         //
	LessonWrong        ID = "lesson.wrong"         //
	LessonYouSaid      ID = "lesson.you_said"      // Answer
	LessonAnswer       ID = "lesson.answer"        // Answer
	LessonAnswerTimer  ID = "lesson.answer_timer"  // Answer, At, In
	LessonWhy          ID = "lesson.why"           //
	LessonAnswerFirst  ID = "lesson.answer_first"  //
	LessonSkipped      ID = "lesson.skipped"       //
	LessonPlaying      ID = "lesson.playing"       //
	LessonScore        ID = "lesson.score"         // Right, Asked
	LessonHintsUsed    ID = "lesson.hints_used"    // plural
	LessonEnd          ID = "lesson.end"           //
	LessonGoal         ID = "lesson.goal"          //
	LessonGoalUsed     ID = "lesson.goal_used"     // N, Max
	LessonGoalUsedAny  ID = "lesson.goal_used_any" // N
	LessonGoalMet      ID = "lesson.goal_met"      //
	LessonGoalOver     ID = "lesson.goal_over"     // Max
	LessonGoalNotYet   ID = "lesson.goal_not_yet"  //
	LessonListTitle    ID = "lesson.list_title"    //
	LessonListLine     ID = "lesson.list_line"     // Minutes, Beats, Questions
	LessonOpened       ID = "lesson.opened"        // Title
	LessonKeyList      ID = "lesson.key_list"      //
	LessonKeyNext      ID = "lesson.key_next"      //
	LessonKeyHint      ID = "lesson.key_hint"      //
)
