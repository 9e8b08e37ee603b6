package jsonscan

// TopLevelNull returns the offset of the null value of key (compared raw,
// escapes and all) in the top-level object b, or -1. Strings and nesting are
// walked, not searched, so a "key":null inside a string or a nested object
// is never taken for it. The request encoder splices content in there.
func TopLevelNull(b []byte, key string) int {
	at := -1
	_ = EachField(b, func(k, v []byte) bool {
		if string(k) == key && string(v) == "null" {
			at = cap(b) - cap(v)
			return false
		}
		return true
	})
	return at
}
