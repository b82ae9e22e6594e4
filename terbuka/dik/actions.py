"""SOP actions of the DIK cycle (seeds 000, 001, 002): see docs/dik.md."""
