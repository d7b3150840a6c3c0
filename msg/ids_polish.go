package msg

// The polish branch's IDs: the merged lab made coherent (ui).
const (
	PolishKeyGroupLesson ID = "polish.key.group_lesson"
	PolishKeyLessons     ID = "polish.key.lessons"
	PolishKeyNext        ID = "polish.key.next"
	PolishKeyHint        ID = "polish.key.hint"
	PolishLegendMoment   ID = "polish.legend.moment"
)
