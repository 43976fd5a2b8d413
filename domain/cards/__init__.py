"""Member service card applications (工会会员服务卡): form rules, status machine, use cases."""
