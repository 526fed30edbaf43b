"""Shared by every layer except `filters`: strict parameters from params.yaml."""
