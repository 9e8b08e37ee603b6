// Package safefile reads small local files that steer the client (the
// workspace secret file, batch state files) without the traps of a plain
// os.ReadFile: it opens once and inspects what it opened (no stat-then-open
// race), refuses anything but a regular file (a FIFO would block, a device
// such as /dev/zero would never end), and reads at most a cap.
package safefile
