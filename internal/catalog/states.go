package catalog

import "strings"

// statesAndUTs are the 36 States and Union Territories, spelled as the
// national ODOP list spells them. A product row naming any other state is
// an error: a typo would otherwise create a 37th state page.
var statesAndUTs = map[string]string{
	"Andhra Pradesh": "State", "Arunachal Pradesh": "State", "Assam": "State", "Bihar": "State",
	"Chhattisgarh": "State", "Goa": "State", "Gujarat": "State", "Haryana": "State",
	"Himachal Pradesh": "State", "Jharkhand": "State", "Karnataka": "State", "Kerala": "State",
	"Madhya Pradesh": "State", "Maharashtra": "State", "Manipur": "State", "Meghalaya": "State",
	"Mizoram": "State", "Nagaland": "State", "Odisha": "State", "Punjab": "State",
	"Rajasthan": "State", "Sikkim": "State", "Tamil Nadu": "State", "Telangana": "State",
	"Tripura": "State", "Uttar Pradesh": "State", "Uttarakhand": "State", "West Bengal": "State",

	"Andaman and Nicobar Islands": "Union Territory", "Chandigarh": "Union Territory",
	"Dadra & Nagar Haveli and Daman & Diu": "Union Territory", "Delhi": "Union Territory",
	"Jammu and Kashmir": "Union Territory", "Ladakh": "Union Territory",
	"Lakshadweep": "Union Territory", "Puducherry": "Union Territory",
}

// stateByKey maps the stateKey of each State/UT to its name, to say how to
// spell one that a row spells otherwise. It is never changed.
var stateByKey = func() map[string]string {
	m := make(map[string]string, len(statesAndUTs))
	for name := range statesAndUTs {
		m[stateKey(name)] = name
	}
	return m
}()

// stateKey normalises a state name for matching across data sets that
// spell "&" and "and" differently or differ in case.
func stateKey(name string) string {
	return normKey(name)
}

// nearestState is the State or UT whose name is within two edits of name,
// for a "did you mean" hint, or "" if none is.
func nearestState(name string) string {
	best, bestD := "", 3
	for s := range statesAndUTs {
		if d := editDistance(strings.ToLower(name), strings.ToLower(s)); d < bestD || d == bestD && s < best {
			best, bestD = s, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
