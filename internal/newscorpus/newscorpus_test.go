package newscorpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestArticlesInOrder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	write("seed/a.txt", "seed")
	write("polnear/text/b.txt", "polnear b")
	write("polnear/text/a.txt", "polnear a")
	write("ptc/articles/z.txt", "ptc")
	write("ptc/labels/z.labels.tsv", "not an article")
	texts, err := Articles(dir)
	require.NoError(t, err)
	var got []string
	for _, t := range texts {
		got = append(got, string(t))
	}
	assert.Equal(t, []string{"ptc", "polnear a", "polnear b", "seed"}, got)

	none, err := Articles(filepath.Join(dir, "absent"))
	require.NoError(t, err)
	assert.Empty(t, none)
}

func TestParagraphs(t *testing.T) {
	text := "Title\n\n  First line\nsecond line  \n \t \nLast\n\n\n"
	assert.Equal(t, []string{"Title", "First line\nsecond line", "Last"}, Paragraphs(text))
	assert.Empty(t, Paragraphs(" \n\n\t"))
}

func TestArticleParagraphs(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "seed"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "seed", "a.txt"), []byte("One\n\nTwo two\n"), 0o644))
	articles, size, err := ArticleParagraphs(dir)
	require.NoError(t, err)
	assert.Equal(t, [][]string{{"One", "Two two"}}, articles)
	assert.Equal(t, 10, size)
}
