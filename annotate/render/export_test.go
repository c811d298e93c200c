package render

// The pieces the JSON renderer writes a run with, for the tests that check them against
// encoding/json one by one.
var (
	AppendJSONHead           = appendJSONHead
	AppendJSONHeadFor        = appendJSONHeadFor
	AppendJSONDocument       = appendJSONElement
	AppendJSONDocumentStart  = appendJSONElementStart
	AppendJSONDocumentObject = appendJSONDocumentObject
	WriteJSONDocument        = writeJSONElement
	AppendJSONTail           = appendJSONTail
)

// TeachTextColour and TeachColours are the teaching page's text colour and its highlights'
// colours, for the contrast test.
var TeachTextColour = teachText

func TeachColours() [][2]string { return teachColours }
