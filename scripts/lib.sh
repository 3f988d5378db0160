# Shared by the set-up scripts: install missing Debian/Ubuntu packages and
# find a Go toolchain. Sourced, not run.

# as_root runs a command as root, through sudo only when we are not root.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# need_packages installs those of the named Debian packages that are missing.
need_packages() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "parallax: please install:$missing (no apt-get on this system)" >&2
		return 1
	fi
	echo "parallax: installing:$missing" >&2
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# need_go makes sure a Go toolchain that can build Parallax is on PATH:
# the version go.mod names, or Go 1.21 or newer, which fetches that version
# through the module proxy by itself (GOTOOLCHAIN=auto).
need_go() {
	need_packages ca-certificates
	if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
		PATH="$PATH:/usr/local/go/bin"
	fi
	if ! command -v go >/dev/null 2>&1; then
		need_packages golang-go
	fi
	want=$(sed -n 's/^go \([0-9.]*\).*/\1/p' go.mod)
	have=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null | sed 's/^go//')
	minor=$(echo "$have" | cut -d. -f2)
	if [ "$(echo "$have" | cut -d. -f1)" = 1 ] && [ "${minor:-0}" -lt 21 ]; then
		echo "parallax: Go $have is too old: Parallax needs Go $want (go.mod)." >&2
		echo "  Install Go $want or any Go from 1.21 on (which fetches $want by itself)," >&2
		echo "  e.g. from the Go project's downloads into /usr/local/go; Debian 12's golang-go is 1.19." >&2
		exit 1
	fi
	PATH="$PATH:$(go env GOPATH)/bin"
	export PATH
}

# The packages a cgo build of Fyne needs on Linux.
FYNE_BUILD_PACKAGES="gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev"
