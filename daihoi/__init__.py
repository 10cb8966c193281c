"""daihoi: congress preparation, personnel work and ballot counting for party organisations."""
