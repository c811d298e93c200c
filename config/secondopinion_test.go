package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSecondOpinion(t *testing.T) {
	c, err := Parse("c.toml", []byte(`
[second_opinion]
enabled = true
base_url = "http://localhost:11434/v1"
model = "qwen2.5:7b"
max_requests = 20
timeout = "45s"
total_timeout = "5m"
required = true
fail_on_findings = true
`))
	require.NoError(t, err)
	so := c.SecondOpinion
	require.NotNil(t, so)
	assert.True(t, so.Enabled)
	assert.Equal(t, "http://localhost:11434/v1", so.BaseURL)
	assert.Equal(t, "qwen2.5:7b", so.Model)
	assert.Equal(t, 20, so.MaxRequests)
	assert.Equal(t, 45*time.Second, so.RequestTimeout())
	assert.Equal(t, 5*time.Minute, so.ReviewTimeout())
	assert.True(t, so.Required)
	assert.True(t, so.FailOnFindings)

	c, err = Parse("c.toml", nil)
	require.NoError(t, err)
	assert.Nil(t, c.SecondOpinion)
	assert.Zero(t, c.SecondOpinion.RequestTimeout(), "no table: no timeout")
}

// A mistake in [second_opinion] names file:line:col like any other; an API key in the file
// is refused without being repeated.
func TestSecondOpinionErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"api key", "[second_opinion]\napi_key = \"sk-secret-123456\"\n",
			`c.toml:2:11: second_opinion.api_key: a config file is no place for an API key (it is usually committed); set OPENAI_API_KEY instead`},
		{"not a URL", "[second_opinion]\nbase_url = \"localhost:11434\"\n",
			`c.toml:2:12: second_opinion.base_url: want an http or https URL with a host, such as "http://localhost:11434/v1"`},
		{"credentials in the URL", "[second_opinion]\nbase_url = \"https://user:pw@example.com/v1\"\n",
			`c.toml:2:12: second_opinion.base_url: no credentials or query in a config file (it is usually committed); set OPENAI_API_KEY`},
		{"negative budget", "[second_opinion]\nmax_requests = -1\n",
			`c.toml:2:16: second_opinion.max_requests -1 (want a positive number; leave it out for the default)`},
		{"bad timeout", "[second_opinion]\ntimeout = \"2\"\n",
			`c.toml:2:11: second_opinion.timeout "2" (want a positive duration such as "30s" or "2m")`},
		{"unknown key", "[second_opinion]\nmodle = \"x\"\n",
			`c.toml:2:1: unknown key "second_opinion.modle" (want enabled, base_url, model, max_requests, max_concurrent, chunk_tokens, timeout, total_timeout, no_cache, required or fail_on_findings)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.toml", []byte(tc.src))
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			assert.NotContains(t, err.Error(), "sk-secret")
		})
	}
}
