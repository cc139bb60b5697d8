//go:build !linux

package serve

// notifier is Linux's inotify only; elsewhere the watch loop looks at the
// files every poll interval.
type notifier struct{}

func newNotifier(string) *notifier     { return nil }
func (n *notifier) addWatches(string)  {}
func (n *notifier) C() <-chan struct{} { return nil }
func (n *notifier) close()             {}
func (n *notifier) settled() bool      { return false }
