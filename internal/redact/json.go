package redact

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// JSON returns what a log may show of a JSON body: b with every base64
// source's data replaced by its Note (numbers kept as written), or, when b is
// not valid JSON, a note of its size, so nothing unparsed is shown.
func JSON(b []byte) []byte {
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		return []byte("[" + strconv.Itoa(len(b)) + " bytes of invalid JSON elided]")
	}
	out, err := json.Marshal(Base64(v))
	if err != nil {
		return []byte("[" + strconv.Itoa(len(b)) + " bytes elided]")
	}
	return out
}
