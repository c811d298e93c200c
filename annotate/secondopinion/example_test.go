package secondopinion_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/slant-news/slant/annotate/secondopinion"
)

// ShowPrompt shows what would leave the machine, without sending it: here the article part
// of the first request, which is all the article text a request carries.
func ExampleShowPrompt() {
	src := "Harbour plan splits council\n\nThe so-called \"rescue plan\" was drawn up last week. <!-- note to editor -->"
	a := secondopinion.Article{
		Source:     []byte(src),
		Paragraphs: []secondopinion.Span{{Start: 0, End: 27}, {Start: 29, End: len(src)}},
	}
	cats := []secondopinion.Category{{Name: "loaded-language", Explain: "Words that judge instead of describing."}}
	rules := []secondopinion.RuleFinding{{Rule: "framing.scare-quotes", Category: "loaded-language", Span: secondopinion.Span{Start: 33, End: 56}}}

	reqs, err := secondopinion.ShowPrompt(secondopinion.Config{BaseURL: "http://localhost:11434/v1", Model: "llama3.2"}, a, cats, rules)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range reqs {
		fmt.Printf("%s %s, %s:\n%s", r.Phase, r.URL, r.Messages[1].Role, r.Messages[1].Content)
	}
	// Output:
	// reading http://localhost:11434/v1/chat/completions, user:
	// <<<ARTICLE 49164a05091dda66>>>
	// [P1] Harbour plan splits council
	// [P2] The so-called "rescue plan" was drawn up last week.
	// <<<END ARTICLE 49164a05091dda66>>>
	// verdicts http://localhost:11434/v1/chat/completions, user:
	// <<<ARTICLE fbf9b9879c7f9760>>>
	// [P1] Harbour plan splits council
	// [P2] The so-called "rescue plan" was drawn up last week.
	// <<<END ARTICLE fbf9b9879c7f9760>>>
	// <<<FINDINGS fbf9b9879c7f9760>>>
	// [F1] P2, rule framing.scare-quotes, category loaded-language: so-called "rescue plan"
	// <<<END FINDINGS fbf9b9879c7f9760>>>
}

// A review against a test server that plays the model. With a real endpoint, the Config
// comes from ConfigFromEnv, flags or a config file.
func ExampleReviewer_Review() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		content := `{"findings": [{"paragraph": 2, "quote": "so-called “rescue plan”", "category": "loaded-language", "reason": "The quotation marks sneer at the plan.", "speaker": ""},
			{"paragraph": 2, "quote": "a plan nobody wanted", "category": "loaded-language", "reason": "Not in the text.", "speaker": ""}]}`
		if strings.Contains(string(body), "FINDINGS") {
			content = `{"verdicts": [{"id": 1, "verdict": "dispute", "reason": "The date is given in the paragraph before."}]}`
		}
		answer, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"message": map[string]string{"role": "assistant", "content": content}}}})
		w.Write(answer)
	}))
	defer srv.Close()

	src := "Harbour plan splits council\n\nThe so-called \"rescue plan\" was drawn up last week."
	a := secondopinion.Article{Source: []byte(src)} // paragraphs at blank lines
	cats := []secondopinion.Category{
		{Name: "loaded-language", Explain: "Words that judge instead of describing."},
		{Name: "relative-time", Explain: "A date relative to a day the reader does not know."},
	}
	rules := []secondopinion.RuleFinding{
		{Rule: "framing.scare-quotes", Category: "loaded-language", Span: secondopinion.Span{Start: 33, End: 56}},
		{Rule: "time.relative", Category: "relative-time", Span: secondopinion.Span{Start: 71, End: 80}},
	}
	cacheDir, _ := os.MkdirTemp("", "slant-example")
	defer os.RemoveAll(cacheDir)

	r, err := secondopinion.New(secondopinion.Config{BaseURL: srv.URL + "/v1", Model: "test-model", CacheDir: cacheDir})
	if err != nil {
		log.Fatal(err) // no usable endpoint: errors.Is(err, secondopinion.ErrNoEndpoint)
	}
	res, err := r.Review(context.Background(), a, cats, rules)
	var partial *secondopinion.Error
	if errors.As(err, &partial) {
		fmt.Println("warning:", err) // what was answered is in res
	} else if err != nil {
		log.Fatal(err)
	}
	for _, f := range res.Findings {
		fmt.Printf("model: %s %q: %s\n", f.Category, f.Text, f.Reason)
	}
	for _, v := range res.Verdicts {
		fmt.Printf("rule %s: agree=%v (%s): %s\n", rules[v.Finding].Rule, v.Agree, v.Basis, v.Reason)
	}
	fmt.Println(strings.Replace(res.Stats.String(), res.Stats.Host, "HOST", 1))
	// Output:
	// model: loaded-language "so-called \"rescue plan\"": The quotation marks sneer at the plan.
	// rule framing.scare-quotes: agree=true (own-reading): The quotation marks sneer at the plan.
	// rule time.relative: agree=false (asked): The date is given in the paragraph before.
	// model test-model at HOST: 2 requests (0 answers cached), 0+0 tokens, 1 answer dropped, 0 failures
}
