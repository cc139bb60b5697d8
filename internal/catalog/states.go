package catalog

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

// stateKey normalises a state name for matching across data sets that
// spell "&" and "and" differently or differ in case.
func stateKey(name string) string {
	return normKey(name)
}
