package secondopinion

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// cache keeps the model's answers on disk, one file each, named by the hash of the
// question. It holds answers only: never the API key, nor anything of the request's headers.
type cache struct{ dir string } // "" when disabled

// cacheKey hashes everything an answer depends on: the endpoint's host (not its
// credentials), the model, the prompt version, the seed, the phase, the categories and the
// data sent (chunk text, and the findings asked about).
func cacheKey(host, model string, seed int, q question, cats []Category) string {
	b, _ := json.Marshal(struct { // plain strings and ints: always marshals
		Host, Model, Version string
		Seed                 int
		Phase                Phase
		Categories           []Category
		Data                 string
	}{host, model, PromptVersion, seed, q.phase, cats, q.user})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

type cacheEntry struct {
	Version string `json:"version"`
	Answer  string `json:"answer"`
}

func (c cache) path(key string) string { return filepath.Join(c.dir, key[:2], key+".json") }

// get returns the cached answer for key. A missing or unreadable entry is a miss.
func (c cache) get(key string) (string, bool) {
	if c.dir == "" {
		return "", false
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return "", false
	}
	var e cacheEntry
	if json.Unmarshal(b, &e) != nil || e.Version != PromptVersion {
		return "", false
	}
	return e.Answer, true
}

// put stores an answer, atomically: a reader sees the whole file or none.
func (c cache) put(key, answer string) error {
	if c.dir == "" {
		return nil
	}
	b, err := json.Marshal(cacheEntry{Version: PromptVersion, Answer: answer})
	if err != nil {
		return fmt.Errorf("second-opinion cache: %w", err)
	}
	dir := filepath.Dir(c.path(key))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("second-opinion cache: %w", err)
	}
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("second-opinion cache: %w", err)
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("second-opinion cache: %w", err)
	}
	if err := os.Rename(f.Name(), c.path(key)); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("second-opinion cache: %w", err)
	}
	return nil
}
