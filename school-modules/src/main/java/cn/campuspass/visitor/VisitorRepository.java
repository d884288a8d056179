package cn.campuspass.visitor;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface VisitorRepository extends JpaRepository<Visitor, Long> {

    Optional<Visitor> findByWechatOpenid(String openid);
}
