package cn.campuspass;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CampusPassApplication {

    public static void main(String[] args) {
        SpringApplication.run(CampusPassApplication.class, args);
    }
}
