"""Writes to accounts. Every function: keyword-only, one transaction, an audit entry.

(Open311 API keys are in `quartier.routing.actions.api_keys`.)
"""
