# SPDX-License-Identifier: MIT
# A thin wrapper over meson/ninja in build/.

BUILD := build
KESTREL := $(BUILD)/kestrel

.PHONY: all check check-unit check-guest demo clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	./configure

check: all
	meson test -C $(BUILD) --print-errorlogs --num-processes 2

check-unit: all
	meson test -C $(BUILD) --print-errorlogs --suite unit

check-guest: all
	meson test -C $(BUILD) --print-errorlogs --suite guest

# The demo: Debian's kernel with the busybox initramfs on this terminal,
# under KVM when it is hardware-backed, else under TCG (this host's KVM
# may be PVM, which cannot run Linux). Leave with poweroff or C-a x.
DEMO_KERNEL = $(lastword $(sort $(wildcard /boot/vmlinuz-*)))

demo: all
	@[ -n "$(DEMO_KERNEL)" ] || { echo "demo: no /boot/vmlinuz-* (apt-get install linux-image-amd64)"; exit 1; }
	@sh scripts/build-initramfs.sh
	@accel=kvm:tcg; \
	if [ -e /sys/module/kvm_pvm ] || { [ ! -e /sys/module/kvm_intel ] && [ ! -e /sys/module/kvm_amd ]; }; then \
	    accel=tcg; echo "demo: this host's KVM is not hardware-backed (PVM, or no kvm_intel/kvm_amd): using TCG"; \
	fi; \
	echo "demo: booting $(DEMO_KERNEL); type poweroff (or C-a x) to leave"; \
	$(KESTREL) -machine accel=$$accel -smp 2 -m 512 -nographic -no-reboot \
	    -kernel $(DEMO_KERNEL) -initrd $(BUILD)/initramfs.cpio.gz \
	    -append console=ttyS0

clean:
	rm -rf $(BUILD)
