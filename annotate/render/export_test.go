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
