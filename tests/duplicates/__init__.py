"""Tests of the duplicate and competing-credential check."""
