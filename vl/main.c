/* SPDX-License-Identifier: MIT */
/* Placeholder main(); replaced by the real entry point. */
int main(void)
{
    return 0;
}
