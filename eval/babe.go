package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// BABESentence is one sentence of BABE with its expert labels.
type BABESentence struct {
	Text   string
	Biased bool     // the sentence was labelled biased
	Words  []string // the biased words, as the annotators wrote them
	Outlet string
	Topic  string
	Line   int // line in sentences.jsonl
}

// babeLine is one line of sentences.jsonl. Pointers tell a missing field from a zero one.
type babeLine struct {
	Text   *string   `json:"text"`
	Biased *bool     `json:"biased"`
	Words  *[]string `json:"words"`
	Outlet string    `json:"outlet"`
	Topic  string    `json:"topic"`
}

// BABEFile is the file a BABE directory holds.
const BABEFile = "sentences.jsonl"

// LoadBABE reads DIR/sentences.jsonl (or the file, if path is one): one JSON object per line
// with the sentence's "text", "biased" (true or false) and "words" (the biased words). A
// malformed line, or one without text, label or word list, is an error naming file:line.
// Sentences come back in file order.
// The file's path is returned with them.
func LoadBABE(path string) ([]BABESentence, string, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		path = filepath.Join(path, BABEFile)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("babe: %w", err)
	}
	var out []BABESentence
	for ln, line := range jsonLines(data) {
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, ln, fmt.Sprintf(format, args...))
		}
		var b babeLine
		if err := json.Unmarshal(line, &b); err != nil {
			return nil, "", fail("%s", jsonError(err))
		}
		switch {
		case b.Text == nil || *b.Text == "":
			return nil, "", fail(`no "text"`)
		case b.Biased == nil:
			return nil, "", fail(`no "biased" (want true or false)`)
		case b.Words == nil:
			return nil, "", fail(`no "words" (want a list, empty for none)`)
		}
		out = append(out, BABESentence{Text: *b.Text, Biased: *b.Biased, Words: *b.Words, Outlet: b.Outlet, Topic: b.Topic, Line: ln})
	}
	if len(out) == 0 {
		return nil, "", fmt.Errorf("%s: no sentences", path)
	}
	return out, path, nil
}
