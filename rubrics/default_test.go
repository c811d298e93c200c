package rubrics_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/rubrics"
)

// TestDefaultRubricExamples runs every rule of the shipped default rubric against the
// examples it carries: each must flag its "flag" examples and none of its "pass" examples.
func TestDefaultRubricExamples(t *testing.T) {
	r, err := rubrics.Default()
	require.NoError(t, err)
	require.NotEmpty(t, r.Rules)
	for _, rule := range r.Rules {
		t.Run(rule.ID, func(t *testing.T) {
			for _, err := range annotate.CheckExamples(r, rule) {
				t.Error(err)
			}
		})
	}
}
