package config

// The rule kinds a rubric names are registered by the package that implements them;
// these tests read rubrics, so they import it, as the command does.
import _ "github.com/slant-news/slant/annotate"
