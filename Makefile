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

# The default guest: the hello test program, under KVM if it works here,
# else under TCG.
demo: all
	$(KESTREL) -accel kvm -accel tcg -nographic -no-reboot \
	    -device isa-debug-exit,iobase=0xf4,iosize=0x4 \
	    -kernel $(BUILD)/tests/guest/hello.elf; \
	    status=$$?; [ $$status -eq 1 ] && echo "demo: the guest exited cleanly" || \
	    { echo "demo: kestrel exited with status $$status"; exit 1; }

clean:
	rm -rf $(BUILD)
