// stackcxx - tracee for the e2e stack tests (-k): C++ frames are shown
// with demangled names.
//
//   stackcxx    main -> rxt::Widget::open_it() -> ::openat(AT_FDCWD,
//               "/dev/null", O_RDONLY); then main -> rxt::open_as<int>(int)
//               (a function template) -> ::openat(AT_FDCWD, "/dev/zero",
//               O_RDONLY)
//
// The frames must read "rxt::Widget::open_it()" and
// "int rxt::open_as<int>(int)" (what the demangler gives for
// _ZN3rxt6Widget7open_itEv and _ZN3rxt7open_asIiEET_S1_), never the
// mangled names. Call lines carry "LINE:<caller>-call" markers (see
// stackchain.c). Prints "stackcxx ok".
#pragma GCC optimize("O0")
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <unistd.h>
#include <cstdio>

namespace rxt {

// volatile, and touched after each call: no tail calls
static volatile int failures;

struct Widget {
	void open_it();
};

__attribute__((noinline)) void Widget::open_it()
{
	int fd = ::openat(AT_FDCWD, "/dev/null", O_RDONLY); /* LINE:open_it-call */

	if (fd < 0 || ::close(fd) < 0)
		failures++;
}

template <typename T> __attribute__((noinline)) T open_as(T tag)
{
	int fd = ::openat(AT_FDCWD, "/dev/zero", O_RDONLY); /* LINE:open_as-call */

	if (fd < 0 || ::close(fd) < 0)
		failures++;
	return tag;
}

} // namespace rxt

int main()
{
	rxt::Widget w;

	w.open_it(); /* LINE:main-call */
	if (rxt::open_as<int>(7) != 7) /* LINE:main-tmpl-call */
		return 1;
	if (rxt::failures) {
		std::fprintf(stderr, "stackcxx: %d open/close calls failed\n", rxt::failures);
		return 1;
	}
	std::printf("stackcxx ok\n");
	return 0;
}
