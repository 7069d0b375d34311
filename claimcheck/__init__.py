"""claimcheck: extract claims and figures from news articles, link them in an RDF
knowledge base, and flag where sources disagree."""

__version__ = "0.1.0"
