package msg

// The teacher's list of who is connected (w): each student's lesson
// progress and score, and their predict-mode score.
const (
	LabWhoLesson   ID = "lab.who_lesson"
	LabWhoGoalMet  ID = "lab.who_goal_met"
	LabWhoGoalOpen ID = "lab.who_goal_open"
	LabWhoPredict  ID = "lab.who_predict"
)

// A lesson followed in class: the teacher moves it on.
const LessonNextTeacher ID = "lesson.next_teacher"
