"""Pages for residents' data: contacts (helpers), people and help (helpers, coordinators),
privacy procedures (privacy officer). Reads through access.py, writes through actions.py."""
