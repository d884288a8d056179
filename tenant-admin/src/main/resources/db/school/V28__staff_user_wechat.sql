-- S1: whether the staff member bound WeChat in the staff portal (the realm keeps the openid; this mirrors the fact
-- for the console's user list). The console's 解绑微信 clears it.
ALTER TABLE staff_user ADD COLUMN wechat_bound boolean NOT NULL DEFAULT false;
