"""What stands between the public forms and abuse, shared by every form a
reader can post: the captcha, flood limits, the honeypot and render-time
check, and the client's address behind trusted proxies.

Comments, tips and the newsletter use it; it imports none of them.
"""
