"""What happens after a merge: promote approved proposals, then announce them."""
