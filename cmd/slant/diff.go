package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
)

// gitDiff finds the lines of files added or changed since a git revision, for
// `slant check --diff BASE`. It runs git in each file's directory, so files of several
// repositories can be checked together. It is safe for concurrent use.
type gitDiff struct {
	base string

	mu    sync.Mutex
	roots map[string]repoState // directory -> its repository, or the error finding it
}

type repoState struct {
	root string
	err  error
}

func newGitDiff(base string) *gitDiff {
	return &gitDiff{base: base, roots: map[string]repoState{}}
}

// lineSet is a file's added or changed lines: sorted, disjoint ranges of 1-based line
// numbers, or every line.
type lineSet struct {
	all    bool
	ranges [][2]int // [first, last]
}

// has reports whether any line in [first, last] is in the set.
func (s lineSet) has(first, last int) bool {
	if s.all {
		return true
	}
	i := sort.Search(len(s.ranges), func(i int) bool { return s.ranges[i][1] >= first })
	return i < len(s.ranges) && s.ranges[i][0] <= last
}

// filter keeps the findings that touch a line of the set.
func (s lineSet) filter(doc *prose.Document, fs []annotate.Finding) []annotate.Finding {
	var out []annotate.Finding
	for _, f := range fs {
		first, _ := doc.LineColumn(f.Span.Start)
		last, _ := doc.LineColumn(max(f.Span.Start, f.Span.End-1))
		if s.has(first, last) {
			out = append(out, f)
		}
	}
	return out
}

// changedLines returns the lines of path added or changed since the base revision, from
// `git diff --unified=0 BASE -- FILE` run in the file's directory. A file git does not track
// is new: every line counts.
func (g *gitDiff) changedLines(path string) (lineSet, error) {
	dir, file := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if _, err := g.repo(dir); err != nil {
		return lineSet{}, err
	}
	out, err := git(dir, "diff", "--no-color", "--no-ext-diff", "--no-renames", "--unified=0", g.base, "--", file)
	if err != nil {
		return lineSet{}, fmt.Errorf("%s: --diff: %w", path, err)
	}
	set, err := parseHunks(out)
	if err != nil {
		return lineSet{}, fmt.Errorf("%s: --diff: %w", path, err)
	}
	if len(set.ranges) == 0 && len(out) == 0 {
		// No difference: unchanged, or not tracked at all (then it is all new).
		if _, err := git(dir, "ls-files", "--error-unmatch", "--", file); err != nil {
			return lineSet{all: true}, nil
		}
	}
	return set, nil
}

// repo returns the root of the repository dir is in, having checked once per repository
// that the base revision exists there.
func (g *gitDiff) repo(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if st, ok := g.roots[abs]; ok {
		return st.root, st.err
	}
	var st repoState
	out, err := git(abs, "rev-parse", "--show-toplevel")
	if err != nil {
		st.err = fmt.Errorf("--diff %s: %s is not in a git repository", g.base, dir)
		var ee *exec.Error
		if errors.As(err, &ee) {
			st.err = fmt.Errorf("--diff needs git: %w", ee.Err)
		}
	} else {
		st.root = strings.TrimSpace(string(out))
		known := false
		for _, s := range g.roots {
			if s.root == st.root && s.err == nil {
				known = true
			}
		}
		if !known {
			if _, err := git(abs, "rev-parse", "--verify", "--quiet", "--end-of-options", g.base+"^{commit}"); err != nil {
				st.err = fmt.Errorf("--diff %s: no such revision in the git repository %s", g.base, st.root)
			}
		}
	}
	g.roots[abs] = st
	return st.root, st.err
}

// git runs git in dir and returns its standard output. A failure's error holds git's
// message.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-c", "core.quotepath=off"}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = ee.String()
			}
			return out, errors.New(msg)
		}
		return out, err
	}
	return out, nil
}

// parseHunks reads the new-file line ranges of unified-diff hunk headers:
// "@@ -a,b +c,d @@" adds or changes lines c to c+d-1 (d defaults to 1; 0 is a deletion).
func parseHunks(diff []byte) (lineSet, error) {
	var set lineSet
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "@@ ") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
			return set, fmt.Errorf("unreadable hunk header %q", line)
		}
		startStr, countStr, hasCount := strings.Cut(fields[2][1:], ",")
		start, err := strconv.Atoi(startStr)
		if err != nil {
			return set, fmt.Errorf("unreadable hunk header %q", line)
		}
		count := 1
		if hasCount {
			if count, err = strconv.Atoi(countStr); err != nil {
				return set, fmt.Errorf("unreadable hunk header %q", line)
			}
		}
		if count > 0 {
			set.ranges = append(set.ranges, [2]int{start, start + count - 1})
		}
	}
	sort.Slice(set.ranges, func(i, j int) bool { return set.ranges[i][0] < set.ranges[j][0] })
	return set, sc.Err()
}
