package serve

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/lesson"
)

// lessonDir is the teacher's directory of lessons (--lessons), read like
// the scenario directory: through an os.Root, afresh at each W, and never
// by a name a student typed (they choose from the list, or name a lesson
// that is on it).
type lessonDir struct {
	path string
	root *os.Root
}

func openLessonDir(path string) (*lessonDir, error) {
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, fmt.Errorf("--lessons: %w", err)
	}
	return &lessonDir{path: path, root: root}, nil
}

// list loads every lesson file of the directory; files that do not load
// are reported to bad (the teacher's log) and left out of the list.
func (d *lessonDir) list(bad func(file string, err error)) []*lesson.Lesson {
	ents, err := fs.ReadDir(d.root.FS(), ".")
	if err != nil {
		bad(d.path, err)
		return nil
	}
	var out []*lesson.Lesson
	for _, e := range ents {
		n := e.Name()
		if !e.Type().IsRegular() && e.Type()&fs.ModeSymlink == 0 || !(strings.HasSuffix(n, ".yaml") || strings.HasSuffix(n, ".yml")) {
			continue
		}
		src, err := d.root.ReadFile(n)
		if err == nil {
			var l *lesson.Lesson
			if l, err = lesson.Load(n, src); err == nil {
				out = append(out, l)
				continue
			}
		}
		bad(n, err)
	}
	slices.SortFunc(out, func(a, b *lesson.Lesson) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// lessonList is what W lists in every lab: the bundled course (loaded
// once: a lesson is never changed once loaded), then the teacher's.
func (s *Server) lessonList() []*lesson.Lesson {
	out := slices.Clone(s.lessons)
	if s.lessonDir != nil {
		out = append(out, s.lessonDir.list(s.badLesson)...)
	}
	return out
}

// findLesson is the served lesson called name (a teacher's lesson may
// also be named by its file, with or without .yaml); nil if none.
func (s *Server) findLesson(name string) *lesson.Lesson {
	list := s.lessonList()
	for _, l := range slices.Backward(list) { // the teacher's own first
		f := strings.TrimSuffix(strings.TrimSuffix(l.File, ".yaml"), ".yml")
		if l.Name == name || l.File == name || f == name {
			return l
		}
	}
	return nil
}

// badLesson tells the teacher once about each lesson file that does not
// load (the list is read at every W and every learn).
func (s *Server) badLesson(file string, err error) {
	s.mu.Lock()
	said := s.saidBad[file] == err.Error()
	s.saidBad[file] = err.Error()
	s.mu.Unlock()
	if !said {
		s.logf("--lessons: %s left out: %v", file, err)
	}
}
