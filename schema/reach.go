package schema

// LookupFrom is Lookup for a table named in a query of model t: a table
// whose model rx has not met yet is found among the models that t's
// relation fields lead to, directly or through theirs, registering them
// on the way. So Where(rx.Eq{"user.name": ...}) on a Post with a User
// field works in a program that has not touched User yet.
func (t *Table) LookupFrom(name string) *Table {
	if found := Lookup(name); found != nil {
		return found
	}
	seen := map[*Table]bool{t: true}
	queue := []*Table{t}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, r := range cur.relations {
			target, err := tableOfType(r.elem)
			if err != nil || seen[target] {
				continue // an unusable field is reported where it is used
			}
			if target.Name == name {
				return Lookup(name)
			}
			seen[target] = true
			queue = append(queue, target)
		}
	}
	return nil
}
