package metadata_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
)

// A page published on a Tuesday and changed ten months later: its relative dates are read
// against the publication date, and the late change is pointed out.
func ExampleRead() {
	page := `<html><head>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2020-01-07T23:20:00Z">
<meta property="article:modified_time" content="2020-10-24T23:20:00Z">
</head><body><p>Tug crews voted to join the strike on Sunday.</p></body></html>`
	doc, err := prose.Parse("page.html", []byte(page), prose.FormatHTML)
	if err != nil {
		panic(err)
	}
	m, err := metadata.Read(doc, metadata.Options{})
	if err != nil {
		fmt.Println("warning:", err) // the metadata read is still there
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(map[string]any{"metadata": m}); err != nil {
		panic(err)
	}
	// Output:
	// {
	//   "metadata": {
	//     "outlet": "Harbour Gazette",
	//     "published": "2020-01-07T23:20:00Z",
	//     "modified": "2020-10-24T23:20:00Z",
	//     "origins": {
	//       "outlet": "open-graph",
	//       "published": "open-graph",
	//       "modified": "open-graph"
	//     },
	//     "relative_dates": [
	//       {
	//         "start": 264,
	//         "end": 273,
	//         "text": "on Sunday",
	//         "from": "2020-01-05",
	//         "to": "2020-01-05",
	//         "note": "Sunday 5 January 2020 (news style places a weekday in the week before publication), if the article was written on its publication date (Tuesday 7 January 2020)"
	//       }
	//     ],
	//     "notices": [
	//       {
	//         "kind": "modified-long-after",
	//         "message": "The page was last changed on Saturday 24 October 2020, 291 days (about 10 months) after it was published on Tuesday 7 January 2020. A reader shown only the later date would place the events it calls recent that much too late: its relative dates are read here against the publication date.",
	//         "spans": [
	//           {
	//             "start": 264,
	//             "end": 273
	//           }
	//         ]
	//       }
	//     ]
	//   }
	// }
}

// The value of slant's --published flag: a day or an RFC 3339 moment.
func ExampleParsePublished() {
	for _, v := range []string{"2020-01-07", "2020-01-07T18:20:00-05:00", "7 Jan"} {
		d, err := metadata.ParsePublished(v)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(d, d.Day().Long())
	}
	// Output:
	// 2020-01-07 Tuesday 7 January 2020
	// 2020-01-07T18:20:00-05:00 Tuesday 7 January 2020
	// published date "7 Jan": want YYYY-MM-DD or RFC 3339 (2020-01-07T23:20:00Z)
}
