// Command measure runs a command and prints its wall time and the peak
// resident memory of its process (and of the children it waited for), as
// the kernel counts them:
//
//	go run ./bench/measure odop build -out /tmp/x
//	wall_ms=412.3 maxrss_kb=29100
//
// The command's own output goes to /dev/null; a failure is reported with
// its output and exit status 1.
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measure COMMAND [ARG...]")
		os.Exit(2)
	}
	var out bytes.Buffer
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintf(os.Stderr, "measure: %v\n%s", err, out.Bytes())
		os.Exit(1)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "measure: no resource usage on this system")
		os.Exit(1)
	}
	// Linux reports ru_maxrss in kilobytes.
	fmt.Printf("wall_ms=%.1f maxrss_kb=%d\n", float64(wall.Microseconds())/1000, ru.Maxrss)
}
